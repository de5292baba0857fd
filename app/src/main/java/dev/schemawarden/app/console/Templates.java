package dev.schemawarden.app.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The console's jte templates ({@code app/src/main/jte}), precompiled to classes by jte-maven-plugin at build time:
 * nothing is compiled at run time and the shaded jar needs no JDK. Html content type: every {@code ${...}} is
 * escaped for where it stands (text, attribute), so repository and host text can never become markup.
 */
public final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code name} (e.g. {@code reviews.jte}) with its one parameter, {@code model}. */
  public String render(String name, Object model) {
    StringOutput out = new StringOutput();
    engine.render(name, model, out);
    return out.toString();
  }
}
