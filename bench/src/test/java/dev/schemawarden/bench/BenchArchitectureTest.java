package dev.schemawarden.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The benchmarks measure what users run, through the same public API: analyzers' {@code internal} packages are off
 * limits here as in every other module (app's {@code ArchitectureTest} checks the modules app sees).
 */
@AnalyzeClasses(
    packages = "dev.schemawarden.bench",
    importOptions = ImportOption.DoNotIncludeTests.class)
class BenchArchitectureTest {

  @ArchTest
  static final ArchRule benchmarks_use_only_the_analyzers_api =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.schemawarden.analyzers.internal..")
          .because(
              "analyzers.internal has no compatibility guarantees: other modules import analyzers.api only");
}
