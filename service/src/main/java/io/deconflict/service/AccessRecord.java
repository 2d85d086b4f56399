package io.deconflict.service;

import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.command.RecordRefusedSignIn;
import io.deconflict.service.command.RevokeTokens;
import io.deconflict.service.party.Member;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state machine's part of access control: which tokens operators revoked ({@code
 * token.revoke}), and the refused sign-ins it records ({@code access.refused}), both told to the
 * operators; a revocation also to the party of the member it concerns. Who holds which token is the
 * configuration's, not the journal's: the journal keeps only what was withdrawn.
 *
 * <p>Deterministic; not thread-safe ({@link Deconfliction} serialises access).
 */
final class AccessRecord {

  private final Set<String> revoked = new HashSet<>();

  /** Writes the revoked hashes in order (the snapshot's {@code access} section). */
  void writeTo(StateOut out) {
    out.int32(revoked.size());
    for (String hash : new TreeSet<>(revoked)) {
      out.text(hash);
    }
  }

  /** Reads what {@link #writeTo} wrote into an empty record. */
  void readFrom(StateIn in) {
    for (int i = 0, n = in.count(); i < n; i++) {
      revoked.add(in.text());
    }
  }

  /** Whether the token with this hash was revoked. */
  boolean revoked(String tokenSha256) {
    return revoked.contains(tokenSha256);
  }

  /**
   * Revokes tokens of {@code holder}.
   *
   * @throws ServiceException if {@code by} is not an operator
   */
  Outcome revoke(Member by, RevokeTokens command, Member holder) {
    if (!by.isOperator()) {
      throw ServiceException.forbidden("only the mechanism's operators revoke tokens");
    }
    int added = 0;
    for (String hash : command.tokens()) {
      if (revoked.add(hash)) {
        added++;
      }
    }
    Audience audience =
        holder.isOperator()
            ? new Audience(Set.of(), true)
            : new Audience(Set.of(holder.party()), true);
    Fact fact =
        new Fact(
            RevokeTokens.TYPE,
            true,
            by.id(),
            Json.withResult(
                CommandCodec.encode(command),
                Json.object()
                    .put("member", holder.id())
                    .put("tokens", command.tokens().size())
                    .put("newlyRevoked", added)),
            audience);
    return new Outcome(fact.body().path("result").deepCopy(), List.of(fact));
  }

  /**
   * Records a refused sign-in, told to the operators only.
   *
   * @throws ServiceException unless the service itself records it
   */
  Outcome refused(RecordRefusedSignIn command, String by) {
    if (!by.equals(Deconfliction.SYSTEM)) {
      throw ServiceException.forbidden("refused sign-ins are recorded by the service itself");
    }
    Fact fact =
        new Fact(
            RecordRefusedSignIn.TYPE,
            true,
            by,
            Json.withResult(CommandCodec.encode(command), Json.object().put("recorded", true)),
            new Audience(Set.of(), true));
    return new Outcome(fact.body().path("result").deepCopy(), List.of(fact));
  }
}
