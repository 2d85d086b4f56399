package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.service.Deconfliction;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.agreement.Sharing;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bug: an agreement's parties were a {@code Set.copyOf}, whose order the JDK randomises per run, so
 * its JSON differed between runs and a restart refused to replay ("replays to a different result")
 * about half the time.
 */
class AgreementPartiesReplayOrderTest {

  @Test
  void anAgreementsPartiesAndSharingAreWrittenInSortedOrder() {
    LinkedHashSet<String> parties = new LinkedHashSet<>(List.of("us", "tr", "ru", "de", "fr"));
    Agreement a =
        new Agreement(
            "ag-1",
            1,
            parties,
            Instant.EPOCH,
            1000,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMinutes(10),
            List.of(Duration.ofMinutes(30), Duration.ofMinutes(60)),
            Map.of("us", Sharing.NOTHING, "ru", Sharing.EVERYTHING, "fr", Sharing.POSITIONS),
            false);
    assertThat(a.parties()).containsExactly("de", "fr", "ru", "tr", "us");
    assertThat(Deconfliction.agreementJson(a).path("parties").toString())
        .isEqualTo("[\"de\",\"fr\",\"ru\",\"tr\",\"us\"]");
    assertThat(a.sharing().keySet()).containsExactly("fr", "ru", "us");
  }
}
