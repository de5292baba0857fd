package dev.schemawarden.app.report;

/**
 * Escaping for GitHub-flavoured Markdown, kept apart from the layout so it can be tested on its own. The rules:
 * a table row is one line and {@code |} splits cells (so cells collapse line breaks and escape {@code |}, also
 * inside code spans, as GFM requires); a code span must be delimited by more backticks than any run inside it;
 * a fence must be longer than any backtick run in the block.
 */
final class MarkdownText {

  private MarkdownText() {}

  /** Whitespace runs (line breaks included) become one space. */
  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** At most {@code max} characters of {@code s} on one line, ending with an ellipsis when cut. */
  static String shorten(String s, int max) {
    String line = oneLine(s);
    if (line.length() <= max) {
      return line;
    }
    int cut = max - 1;
    if (Character.isLowSurrogate(line.charAt(cut))) {
      cut--;
    }
    return line.substring(0, cut).stripTrailing() + "…";
  }

  /** Plain text for a table cell. */
  static String cell(String s) {
    return oneLine(s).replace("|", "\\|");
  }

  /** A code span that shows {@code s} literally, safe inside a table cell. */
  static String codeInCell(String s) {
    return code(oneLine(s)).replace("|", "\\|");
  }

  /** A code span that shows {@code s} literally, whatever backticks it holds. */
  static String code(String s) {
    String text = oneLine(s);
    String ticks = "`".repeat(longestRun(text, '`') + 1);
    // A span whose content starts or ends with a backtick needs a space of padding, which GFM
    // strips again.
    boolean pad = text.startsWith("`") || text.endsWith("`");
    return ticks + (pad ? " " : "") + text + (pad ? " " : "") + ticks;
  }

  /** A fenced block with an info string; the fence outgrows any backtick run in the body. */
  static String fence(String info, String body) {
    String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
    String text = body.stripTrailing();
    return fence + info + "\n" + text + "\n" + fence + "\n";
  }

  /**
   * Text for a {@code <summary>} or other HTML context: {@code &}, {@code <} and {@code >} become entities so a
   * statement or message cannot close our {@code <details>} early.
   */
  static String html(String s) {
    return oneLine(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Text for raw HTML (a {@code <summary>}) that no Markdown reader can turn into markup: {@link #html}, and the
   * characters of links, emphasis and code as numeric entities, which browsers show as themselves.
   */
  static String inertHtml(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : html(s).toCharArray()) {
      if ("\\`*_[]()#!|~".indexOf(c) >= 0) {
        out.append("&#").append((int) c).append(';');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Text that must read literally in a Markdown paragraph, whoever chose it (production's object names): on one
   * line, HTML-escaped, and every ASCII punctuation mark Markdown gives a meaning (links, emphasis, code, headings,
   * tables) backslash-escaped, so a name like {@code [x](https://evil)} stays text.
   */
  static String plain(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : html(s).toCharArray()) {
      if ("\\`*_[]()#+!|~{}".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * A user or team handle as a GitHub mention: {@code acme/dba} becomes {@code @acme/dba}; {@code *} (a policy's
   * "any eligible reviewer") is written out, not mentioned.
   */
  static String mention(String who) {
    if (who.equals("*")) {
      return "any eligible reviewer";
    }
    return who.startsWith("@") ? who : "@" + who;
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static int longestRun(String s, char c) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == c ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }
}
