package kuzet.hub.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Nights are cached per day and place: a cached answer must be the one computed for exactly that day and place. */
class NightsTest {
  private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
  private static final LocalDate DAY = LocalDate.of(2026, 12, 2);

  @Test
  void eachDayAndPlaceGetsItsOwnNightWhenAskedAgain() {
    Nights cached = new Nights(ALMATY);
    Nights.Night almaty = cached.night(DAY, 43.24, 76.95);
    Nights.Night astana = cached.night(DAY, 51.17, 71.45);
    Nights.Night summer = cached.night(LocalDate.of(2026, 6, 21), 43.24, 76.95);

    // asked again, in another order: each answer still belongs to its own day and place
    assertThat(cached.night(LocalDate.of(2026, 6, 21), 43.24, 76.95)).isEqualTo(summer);
    assertThat(cached.night(DAY, 51.17, 71.45)).isEqualTo(astana);
    assertThat(cached.night(DAY, 43.24, 76.95)).isEqualTo(almaty);
    assertThat(almaty).isEqualTo(new Nights(ALMATY).night(DAY, 43.24, 76.95));
    assertThat(astana.sunrise()).isNotEqualTo(almaty.sunrise());
    assertThat(summer.seconds()).isLessThan(almaty.seconds());
  }

  @Test
  void aFullCacheStartsAgainAndStillAnswersRight() {
    Nights nights = new Nights(ALMATY);
    Nights.Night first = nights.night(DAY, 43.0, 76.0);
    for (int i = 0; i <= Nights.CACHED; i++) {
      nights.night(DAY, 40.0 + i * 0.001, 76.0);
    }
    assertThat(nights.night(DAY, 43.0, 76.0)).isEqualTo(first);
    assertThat(nights.night(DAY, 40.0, 76.0)).isEqualTo(new Nights(ALMATY).night(DAY, 40.0, 76.0));
  }
}
