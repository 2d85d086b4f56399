package io.deconflict.service.party;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parties and members known to the service, from the configuration file. Immutable and
 * thread-safe.
 */
public final class Directory {

  private final Map<String, Party> parties = new LinkedHashMap<>();
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, Member> byTokenHash = new LinkedHashMap<>();

  /**
   * Checks that ids are unique, every member's party exists and no two members share a token.
   *
   * @throws IllegalArgumentException naming the offending entry
   */
  public Directory(Collection<Party> parties, Collection<Member> members) {
    for (Party party : parties) {
      if (party.id().equals(Party.MECHANISM)) {
        throw new IllegalArgumentException(
            "party id \"" + Party.MECHANISM + "\" is reserved for the operators");
      }
      if (this.parties.put(party.id(), party) != null) {
        throw new IllegalArgumentException("party \"" + party.id() + "\" is listed twice");
      }
    }
    for (Member member : members) {
      if (!member.isOperator() && !this.parties.containsKey(member.party())) {
        throw new IllegalArgumentException(
            "member " + member.id() + ": party \"" + member.party() + "\" is not configured");
      }
      if (this.members.put(member.id(), member) != null) {
        throw new IllegalArgumentException("member \"" + member.id() + "\" is listed twice");
      }
      if (byTokenHash.put(member.tokenSha256(), member) != null) {
        throw new IllegalArgumentException(
            "member " + member.id() + " has the same token as another member");
      }
    }
  }

  /** The member holding this bearer token. */
  public Optional<Member> authenticate(String token) {
    String hash = Tokens.sha256(token);
    for (Map.Entry<String, Member> e : byTokenHash.entrySet()) {
      if (Tokens.sameHash(e.getKey(), hash)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The party with this id. */
  public Optional<Party> party(String id) {
    return Optional.ofNullable(parties.get(id));
  }

  /** The member with this id. */
  public Optional<Member> member(String id) {
    return Optional.ofNullable(members.get(id));
  }

  /** Every party, in configuration order. */
  public List<Party> parties() {
    return List.copyOf(parties.values());
  }

  /** Every member, in configuration order. */
  public List<Member> members() {
    return List.copyOf(members.values());
  }
}
