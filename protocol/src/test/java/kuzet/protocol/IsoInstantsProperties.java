package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The plain-form timestamp reader never answers differently from {@link Instant#parse}; it may only decline. */
class IsoInstantsProperties {

  @Property(tries = 5_000)
  void readsWhatInstantParseReadsAndDeclinesTheRest(@ForAll("texts") String text) {
    Instant theirs = parsedOrNull(() -> Instant.parse(text));
    Instant ours = IsoInstants.plain(text);
    if (ours != null) {
      assertThat(ours).as(text).isEqualTo(theirs);
    }
    // the fast path as a whole (plain form first, then Instant.parse) answers as Instant.parse does
    Instant both = parsedOrNull(() -> TelemetryFastPath.instant(text));
    if (both != null) {
      assertThat(both).as(text).isEqualTo(theirs);
    }
  }

  private static Instant parsedOrNull(java.util.function.Supplier<Instant> parse) {
    try {
      return parse.get();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Property(tries = 2_000)
  void readsEveryInstantAsItsOwnTextWritesIt(@ForAll("instants") Instant at) {
    assertThat(IsoInstants.plain(at.toString())).isEqualTo(at);
  }

  @Example
  void declinesFormsItDoesNotRead() {
    for (String s : List.of("2026-11-24T24:00:00Z", "2026-12-31T23:59:60Z", "2026-11-24T18:00:00.Z",
        "2026-02-29T00:00:00Z", "2026-11-24T18:00:00.1234567890Z", "2026-11-24T18:00:00+00:00", "+2026-11-24T18:00:00Z",
        "2026-11-24t18:00:00Z", "2026-1-24T18:00:00Z0")) {
      assertThat(IsoInstants.plain(s)).as(s).isNull();
    }
    assertThat(IsoInstants.plain("2024-02-29T23:59:59.000000001Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.000000001Z"));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()).flatMap(s -> Arbitraries.oneOf(
        Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999),
        Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000)).map(n -> Instant.ofEpochSecond(s, n)));
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> valid = instants().map(Instant::toString);
    // one character changed to a digit or a separator, or one dropped or doubled: near misses of the plain form
    return Combinators.combine(valid, Arbitraries.integers().between(0, 40), Arbitraries.of('0', '9', '1', '2', '3',
        '5', '6', '-', ':', '.', 'T', 'Z', ' ', '+', 'x'), Arbitraries.integers().between(0, 3)).as((t, at, c, how) -> {
          int i = at % t.length();
          return switch (how) {
            case 0 -> t;
            case 1 -> t.substring(0, i) + c + t.substring(i + 1);
            case 2 -> t.substring(0, i) + t.substring(i + 1);
            default -> t.substring(0, i) + t.charAt(i) + t.substring(i);
          };
        });
  }
}
