package kuzet.hub.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentCsvTest {
  @Test
  void cellsASpreadsheetWouldRunAsAFormulaGetALeadingApostrophe() {
    for (String formula : new String[] {"=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"}) {
      assertThat(Csv.inert(formula)).isEqualTo("'" + formula);
    }
    assertThat(Csv.inert("Post 1, Alatau")).isEqualTo("Post 1, Alatau");
    assertThat(Csv.inert("")).isEmpty();
    assertThat(Csv.inert(null)).isNull();
  }
}
