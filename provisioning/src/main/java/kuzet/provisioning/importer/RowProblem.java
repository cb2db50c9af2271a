package kuzet.provisioning.importer;

/** Why one CSV row cannot be imported; {@code line} is 1-based and counts the header. */
public record RowProblem(long line, String reason) {
  @Override
  public String toString() {
    return "line " + line + ": " + reason;
  }
}
