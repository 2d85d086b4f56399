package io.deconflict.service.party;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A person (or system) that signs in for a party.
 *
 * @param id unique member id
 * @param party the party's id ({@link Party#MECHANISM} for operators)
 * @param role what the member may do
 * @param name display name
 * @param tokens the bearer tokens the member may sign in with (their hashes; the tokens themselves
 *     are never stored): usually one, two while a token is rotated, none once all are withdrawn
 */
public record Member(String id, String party, Role role, String name, List<Credential> tokens) {

  /** Checks ids, that operators (and only they) belong to the mechanism, and the tokens. */
  public Member {
    Party.requireId(id, "member id");
    Party.requireId(party, "member " + id + ": party");
    if ((role == Role.OPERATOR) != party.equals(Party.MECHANISM)) {
      throw new IllegalArgumentException(
          "member "
              + id
              + ": operators, and only operators, belong to the party \""
              + Party.MECHANISM
              + "\"");
    }
    tokens = List.copyOf(tokens);
    Set<String> seen = new HashSet<>();
    for (Credential c : tokens) {
      if (!seen.add(c.sha256())) {
        throw new IllegalArgumentException("member " + id + ": a token is listed twice");
      }
    }
  }

  /** A member with one token that does not expire. */
  public Member(String id, String party, Role role, String name, String tokenSha256) {
    this(id, party, role, name, List.of(checked(id, tokenSha256)));
  }

  private static Credential checked(String id, String tokenSha256) {
    try {
      return Credential.of(tokenSha256);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("member " + id + ": " + e.getMessage(), e);
    }
  }

  /** Whether the member is one of the mechanism's operators. */
  public boolean isOperator() {
    return role == Role.OPERATOR;
  }

  /** The same member (id, party, role) with other tokens. */
  public Member withTokens(List<Credential> newTokens) {
    return new Member(id, party, role, name, newTokens);
  }
}
