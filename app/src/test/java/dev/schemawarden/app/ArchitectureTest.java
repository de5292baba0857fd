package dev.schemawarden.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The module rules of docs/architecture.md, checked on the compiled main code of every module (app's tests see them
 * all): dependencies point one way, {@code app → policy → analyzers} and {@code app → drift → replica → analyzers}
 * (app also uses replica directly), and a module uses only another module's {@code <module>.api} packages.
 */
@AnalyzeClasses(packages = "dev.schemawarden", importOptions = ArchitectureTest.MainCodeOnly.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule dependencies_point_from_app_to_policy_and_drift_to_replica_to_analyzers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("app")
          .definedBy("dev.schemawarden.app..")
          .layer("policy")
          .definedBy("dev.schemawarden.policy..")
          .layer("drift")
          .definedBy("dev.schemawarden.drift..")
          .layer("replica")
          .definedBy("dev.schemawarden.replica..")
          .layer("analyzers")
          .definedBy("dev.schemawarden.analyzers..")
          .whereLayer("app")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("policy")
          .mayOnlyBeAccessedByLayers("app")
          .whereLayer("drift")
          .mayOnlyBeAccessedByLayers("app")
          .whereLayer("replica")
          .mayOnlyBeAccessedByLayers("drift", "app")
          .whereLayer("analyzers")
          .mayOnlyBeAccessedByLayers("policy", "replica", "drift", "app")
          .because(
              "modules depend one way (docs/architecture.md, \"The one-way dependency rule\")");

  @ArchTest
  static final ArchRule other_modules_use_only_a_module_s_api_packages =
      CompositeArchRule.of(onlyApiFromOutside("analyzers"))
          .and(onlyApiFromOutside("replica"))
          .and(onlyApiFromOutside("drift"))
          .and(onlyApiFromOutside("policy"));

  @ArchTest
  static final ArchRule only_the_cli_renderer_writes_to_the_terminal =
      noClasses()
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because(
              "the CLI writes through picocli's writers and everything else logs through SLF4J (STYLE.md §11)");

  private static ArchRule onlyApiFromOutside(String module) {
    String root = "dev.schemawarden." + module;
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + "..")
        .should()
        .dependOnClassesThat(
            resideInAPackage(root + "..").and(not(resideInAPackage(root + ".api.."))))
        .because(
            root
                + ".internal has no compatibility guarantees: other modules import "
                + root
                + ".api only");
  }

  /**
   * Main code of the reactor only: test classes (a module's {@code test-classes} folder under any
   * {@code -Dbuild.suffix}, or its {@code -tests.jar}) may reach into internals on purpose.
   */
  static final class MainCodeOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }
}
