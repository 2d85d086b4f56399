package io.deconflict.service.access;

import io.deconflict.service.ServiceException;
import io.deconflict.service.command.RevokeTokens;
import io.deconflict.service.party.Credential;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of a reload: what may change while the service runs (the members' tokens and their
 * expiries, display names) and what needs a restart (parties, members added or removed, a member's
 * party or role), and which tokens a reload withdraws.
 *
 * <p>Stateless.
 */
final class Reload {

  static final String WITHDRAWN = "removed from the configuration";

  private Reload() {}

  /**
   * Throws unless {@code next} has the same parties and members (ids, parties, roles) as {@code
   * current}.
   */
  static void requireSameMembers(Directory current, Directory next) {
    if (!current.parties().equals(next.parties())) {
      throw refused("the parties changed");
    }
    for (Member m : current.members()) {
      Optional<Member> now = next.member(m.id());
      if (now.isEmpty()) {
        throw refused(
            "member "
                + m.id()
                + " was removed (to stop it signing in, revoke its tokens or list it with"
                + " \"tokens\": [])");
      }
      if (!now.get().party().equals(m.party()) || now.get().role() != m.role()) {
        throw refused("member " + m.id() + " changed party or role");
      }
    }
    for (Member m : next.members()) {
      if (current.member(m.id()).isEmpty()) {
        throw refused("member " + m.id() + " is new");
      }
    }
  }

  private static ServiceException refused(String what) {
    return ServiceException.conflict(
        "the configuration was not reloaded: "
            + what
            + "; a reload changes members' tokens only, other changes need a restart of serve");
  }

  /** Per member, the tokens {@code current} lists and {@code next} does not. */
  static List<RevokeTokens> withdrawn(Directory current, Directory next) {
    List<RevokeTokens> out = new ArrayList<>();
    for (Member m : current.members()) {
      Set<String> kept =
          next.member(m.id()).map(Member::tokens).orElse(List.of()).stream()
              .map(Credential::sha256)
              .collect(Collectors.toSet());
      List<String> gone =
          m.tokens().stream().map(Credential::sha256).filter(h -> !kept.contains(h)).toList();
      if (!gone.isEmpty()) {
        out.add(new RevokeTokens(m.id(), gone, Optional.of(WITHDRAWN)));
      }
    }
    return out;
  }
}
