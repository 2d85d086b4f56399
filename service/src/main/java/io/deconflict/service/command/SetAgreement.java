package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import io.deconflict.service.agreement.Sharing;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records an agreement ({@code agreement.set}): a new one, or the next version of {@code id}. What
 * is left out takes the service's defaults when the dispatch builds the {@code Agreement}.
 *
 * @param id the agreement to revise, or empty for a new one
 * @param parties the parties it binds, in the order the operator listed them
 * @param effectiveFrom when it takes effect (default: when accepted)
 * @param separationMeters the separation its parties' movements get
 * @param escalation the escalation ladder's steps
 * @param sharing what each party shares with the others, in the order given
 * @param reconfirmEvery how often its parties' sites and zones must be reconfirmed (D36), if at all
 * @param reconfirmWarnBefore how long before a lapse the owner is warned (only with {@code
 *     reconfirmEvery})
 * @param verticalSeparationMeters the vertical separation its parties' air movements get (D37)
 */
public record SetAgreement(
    Optional<String> id,
    List<String> parties,
    Optional<IsoInstant> effectiveFrom,
    Optional<Decimal> separationMeters,
    Optional<IsoDuration> minimumNotice,
    Optional<IsoDuration> emergencyNotice,
    Optional<IsoDuration> acknowledgeWithin,
    Optional<List<IsoDuration>> escalation,
    Map<String, Sharing> sharing,
    Optional<IsoDuration> reconfirmEvery,
    Optional<IsoDuration> reconfirmWarnBefore,
    Optional<Decimal> verticalSeparationMeters)
    implements Command {

  /** The journaled type. */
  public static final String TYPE = "agreement.set";

  /** Checks that no party is listed twice and copies the collections (keeping their order). */
  public SetAgreement {
    parties = List.copyOf(parties);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < parties.size(); i++) {
      if (!seen.add(parties.get(i))) {
        throw ServiceException.invalid(
            "/parties/" + i, "/parties/" + i + " repeats " + parties.get(i));
      }
    }
    escalation = escalation.map(List::copyOf);
    sharing = Collections.unmodifiableMap(new LinkedHashMap<>(sharing));
    if (reconfirmWarnBefore.isPresent() && reconfirmEvery.isEmpty()) {
      throw ServiceException.invalid(
          "/reconfirmWarnBefore", "/reconfirmWarnBefore is only allowed with /reconfirmEvery");
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
