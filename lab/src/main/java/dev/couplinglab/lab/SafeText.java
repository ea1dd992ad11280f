package dev.couplinglab.lab;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * What the lab prints passes through here, so that text from the cluster (a customer id, a log
 * line, an error description) cannot act on the user's terminal: every C0 or C1 control character
 * but newline and tab, and every Unicode format character (bidi overrides), is written as an escape
 * ({@code \x1b}, {@code \u202e}) instead.
 */
final class SafeText extends FilterWriter {

  private SafeText(Writer out) {
    super(out);
  }

  /** {@code out}, escaping what a terminal would act on; flushes on println like {@code out}. */
  static PrintWriter escaping(PrintWriter out) {
    return new PrintWriter(new SafeText(out), true);
  }

  /** {@code text} with every non-printable character escaped. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      append(sb, text.charAt(i));
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, char c) {
    if (c == '\n' || c == '\t' || !(Character.isISOControl(c) || isFormat(c))) {
      sb.append(c);
    } else if (c <= 0xff) {
      sb.append(String.format("\\x%02x", (int) c));
    } else {
      sb.append(String.format("\\u%04x", (int) c));
    }
  }

  private static boolean isFormat(char c) {
    return Character.getType(c) == Character.FORMAT;
  }

  @Override
  public void write(int c) throws IOException {
    out.write(escape(String.valueOf((char) c)));
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    out.write(escape(new String(buf, off, len)));
  }

  @Override
  public void write(String text, int off, int len) throws IOException {
    out.write(escape(text.substring(off, off + len)));
  }
}
