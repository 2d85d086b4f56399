package io.deconflict.service;

import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;

/**
 * Whose view of the journal is read: a party's (every member of it is told the same facts), or the
 * operators'. The rule of who is told of a fact is {@link #told(Audience)}, the one the event
 * stream, the sign-in pictures and the weekly review share.
 *
 * @param party the party's id, or {@link Party#MECHANISM} for the operators
 */
public record Viewer(String party) {

  /** The name a review and the command line give the operators' view. */
  public static final String OPERATORS = "operators";

  /** Validates the party id. */
  public Viewer {
    Party.requireId(party, "viewer");
  }

  /** The operators' view. */
  public static Viewer operators() {
    return new Viewer(Party.MECHANISM);
  }

  /** A party's view. */
  public static Viewer party(String party) {
    return new Viewer(party);
  }

  /** The view of the member's audience: its party's, or the operators'. */
  public static Viewer of(Member member) {
    return member.isOperator() ? operators() : new Viewer(member.party());
  }

  /** Whether this is the operators' view. */
  public boolean isOperators() {
    return party.equals(Party.MECHANISM);
  }

  /** {@value #OPERATORS} for the operators, else the party's id. */
  public String name() {
    return isOperators() ? OPERATORS : party;
  }

  /** Whether this viewer is told of a fact addressed to {@code audience}. */
  public boolean told(Audience audience) {
    return isOperators() ? audience.operators() : audience.includesParty(party);
  }
}
