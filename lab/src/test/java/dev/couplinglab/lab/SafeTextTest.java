package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void escapesWhatATerminalWouldActOnAndKeepsLinesAndLetters() {
    assertThat(SafeText.escape("cust\u001b[31mred\u0000\r\u0085x\u202eevil\tZoë\n"))
        .isEqualTo("cust\\x1b[31mred\\x00\\x0d\\x85x\\u202eevil\tZoë\n");
  }

  @Test
  void everyPrintedLineGoesThroughTheEscape() {
    StringWriter raw = new StringWriter();
    PrintWriter out = SafeText.escaping(new PrintWriter(raw));

    out.println("order o-1 customer \u001b]0;pwned\u0007");
    out.printf("%s%n", "bell\u0007");

    assertThat(raw.toString())
        .isEqualTo(
            "order o-1 customer \\x1b]0;pwned\\x07"
                + System.lineSeparator()
                + "bell\\x07"
                + System.lineSeparator());
  }
}
