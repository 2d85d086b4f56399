package io.deconflict.service.party;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parties and members known to the service, and the tokens members sign in with, from the
 * configuration file. Immutable and thread-safe.
 */
public final class Directory {

  private final Map<String, Party> parties = new LinkedHashMap<>();
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, Holder> byTokenHash = new LinkedHashMap<>();

  /**
   * The member holding a token, and which of the member's tokens it is.
   *
   * @param member the member
   * @param credential the token's hash and expiry
   */
  public record Holder(Member member, Credential credential) {}

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
      for (Credential c : member.tokens()) {
        if (byTokenHash.put(c.sha256(), new Holder(member, c)) != null) {
          throw new IllegalArgumentException(
              "member " + member.id() + " has the same token as another member");
        }
      }
    }
  }

  /**
   * The member holding this bearer token, whether or not the token has expired (see {@link
   * io.deconflict.service.access.Gate} for signing in). Every configured hash is compared, in time
   * independent of where they differ.
   */
  public Optional<Holder> holder(String token) {
    String hash = Tokens.sha256(token);
    @Nullable Holder found = null;
    for (Map.Entry<String, Holder> e : byTokenHash.entrySet()) {
      if (Tokens.sameHash(e.getKey(), hash)) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The member holding the token with this SHA-256, and which of its tokens it is. */
  public Optional<Holder> holderOfHash(String tokenSha256) {
    return Optional.ofNullable(byTokenHash.get(tokenSha256));
  }

  /** The member holding this bearer token, if the token has not expired at {@code now}. */
  public Optional<Member> authenticate(String token, Instant now) {
    return holder(token).filter(h -> !h.credential().expiredAt(now)).map(Holder::member);
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
