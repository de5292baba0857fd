package dev.schemawarden.analyzers.internal.source;

import java.util.LinkedHashMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.change.ChangeMetaData;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.exception.Warnings;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.resource.ResourceAccessor;
import liquibase.statement.SqlStatement;

/**
 * Liquibase's {@code customChange}, which, while Schema Warden renders a changelog ({@link #RENDERING} set in the
 * {@link Scope}), only remembers the class name and parameters. Liquibase itself loads and constructs the named class
 * as soon as it parses the changelog, in every context: a pull request could name any class on the reviewer's
 * classpath, and a class of the project is missing anyway. Outside that scope (the apply path) it is Liquibase's own
 * wrapper, unchanged. Registered with a higher priority than Liquibase's in {@code META-INF/services}.
 */
@DatabaseChange(
    name = "customChange",
    description = "A customChange whose class Schema Warden never loads",
    priority = ChangeMetaData.PRIORITY_DEFAULT + 1)
public final class NamedClassChange extends CustomChangeWrapper {
  /** Scope key: set while Schema Warden renders a changelog from a repository. */
  static final String RENDERING = "dev.schemawarden.liquibase.rendering";

  private String named;
  private final Map<String, String> values = new LinkedHashMap<>();

  private static boolean rendering() {
    return Boolean.TRUE.equals(Scope.getCurrentScope().get(RENDERING, Boolean.class));
  }

  /** The class the changelog names (never loaded while rendering). */
  String named() {
    return named == null ? "" : named;
  }

  @Override
  public CustomChangeWrapper setClass(String className) throws CustomChangeException {
    if (!rendering()) {
      return super.setClass(className);
    }
    this.named = className;
    return this;
  }

  @Override
  public String getClassName() {
    return rendering() ? named : super.getClassName();
  }

  @Override
  public void setParam(String name, String value) {
    values.put(name, value);
    super.setParam(name, value);
  }

  @Override
  public void customLoadLogic(ParsedNode parsedNode, ResourceAccessor resourceAccessor)
      throws ParsedNodeException {
    if (!rendering()) {
      super.customLoadLogic(parsedNode, resourceAccessor);
      return;
    }
    // The parameters only, as Liquibase reads them; the class is not instantiated to look for its
    // properties.
    ParsedNode params = parsedNode.getChild(null, "params");
    for (ParsedNode child : (params == null ? parsedNode : params).getChildren(null, "param")) {
      Object value =
          child.getValue() != null ? child.getValue() : child.getChildValue(null, "value");
      String name = child.getChildValue(null, "name", String.class);
      if (name == null) {
        throw new ParsedNodeException(
            "Custom change param " + child + " does not have a 'name' attribute");
      }
      setParam(name, value == null ? null : value.toString());
    }
  }

  @Override
  public boolean supports(Database database) {
    return true;
  }

  @Override
  public ValidationErrors validate(Database database) {
    return rendering() ? new ValidationErrors() : super.validate(database);
  }

  @Override
  public Warnings warn(Database database) {
    return rendering() ? new Warnings() : super.warn(database);
  }

  @Override
  public SqlStatement[] generateStatements(Database database) {
    return rendering() ? SqlStatement.EMPTY_SQL_STATEMENT : super.generateStatements(database);
  }

  @Override
  public CheckSum generateCheckSum() {
    return rendering() ? CheckSum.compute(named() + values) : super.generateCheckSum();
  }

  @Override
  public String getConfirmationMessage() {
    return rendering() ? "customChange " + named() + " (not run)" : super.getConfirmationMessage();
  }
}
