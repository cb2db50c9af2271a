package kuzet.hub.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentCsvTest {
  @Test
  void cellsASpreadsheetWouldRunAsAFormulaGetALeadingApostrophe() {
    for (String formula : new String[] {"=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"}) {
      assertThat(IncidentCsv.inert(formula)).isEqualTo("'" + formula);
    }
    assertThat(IncidentCsv.inert("Post 1, Alatau")).isEqualTo("Post 1, Alatau");
    assertThat(IncidentCsv.inert("")).isEmpty();
    assertThat(IncidentCsv.inert(null)).isNull();
  }
}
