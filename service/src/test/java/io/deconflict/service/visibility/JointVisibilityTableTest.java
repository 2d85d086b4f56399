package io.deconflict.service.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import io.deconflict.service.visibility.Visibility.Of;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The table "Joint movements" of {@code docs/api.md} (D39): what a viewer is shown of a joint
 * movement led by {@code ru} with participant {@code tr}, for each level {@code ru} and {@code tr}
 * share with {@code us} ({@code none}: no agreement). The lead's and the participant's members see
 * it whole; anyone else the most restrictive of the two levels; operators nothing.
 */
class JointVisibilityTableTest {

  private static final Instant EFFECTIVE = Instant.parse("2022-10-01T00:00:00Z");
  private static final Instant AT = Instant.parse("2022-10-08T06:00:00Z");

  @ParameterizedTest(name = "{0}: ru shares {1}, tr shares {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "lead        | none       | none       | whole",
        "participant | none       | none       | whole",
        "other       | none       | none       | hidden",
        "other       | everything | none       | hidden",
        "other       | none       | everything | hidden",
        "other       | everything | conflicts  | hidden",
        "other       | everything | positions  | outline",
        "other       | positions  | everything | outline",
        "other       | everything | everything | whole",
        "operator    | everything | everything | hidden",
      })
  void aViewerSeesTheMostRestrictiveOfTheLeadsAndEachParticipantsSharing(
      String viewer, String ru, String tr, String item) {
    Visibility policy = policy(ru, tr);
    Member member =
        switch (viewer) {
          case "lead" -> member("ru-officer", "ru", Role.OFFICER);
          case "participant" -> member("tr-officer", "tr", Role.OFFICER);
          case "other" -> member("us-officer", "us", Role.OFFICER);
          default -> member("operator", Party.MECHANISM, Role.OPERATOR);
        };
    assertThat(
            Visibility.item(policy.sharingOfJoint(member, "ru", Set.of("tr"), Of.ITEM, AT)).name())
        .isEqualToIgnoringCase(item);
  }

  /** A policy over a us–ru and a us–tr agreement in which ru and tr share these levels. */
  private static Visibility policy(String ru, String tr) {
    List<Agreement> agreements = new ArrayList<>();
    if (!ru.equals("none")) {
      agreements.add(agreement("ag-1", "ru", ru));
    }
    if (!tr.equals("none")) {
      agreements.add(agreement("ag-2", "tr", tr));
    }
    return new Visibility(
        (a, b, at) -> agreements.stream().filter(ag -> ag.binds(a, b)).findFirst());
  }

  private static Agreement agreement(String id, String party, String level) {
    return new Agreement(
        id,
        1,
        Set.of("us", party),
        EFFECTIVE,
        1000,
        Duration.ofHours(24),
        Duration.ofHours(1),
        Duration.ofMinutes(10),
        List.of(Duration.ofMinutes(30), Duration.ofHours(1)),
        Map.of(party, Sharing.parse(level), "us", Sharing.EVERYTHING),
        false);
  }

  private static Member member(String id, String party, Role role) {
    return new Member(id, party, role, id, Tokens.sha256("token-" + id));
  }
}
