package io.deconflict.service.access;

import io.deconflict.service.party.Credential;
import io.deconflict.service.party.Member;
import java.util.Locale;

/** What came of presenting a bearer token: admitted as a member, or refused and why. */
public sealed interface SignIn {

  /**
   * Admitted.
   *
   * @param member who signed in
   * @param credential which of the member's tokens it was
   */
  record Admitted(Member member, Credential credential) implements SignIn {}

  /**
   * Refused. The message tells the presenter what was wrong with the token it holds, and nothing
   * about anyone else: not who holds it, nor whether other tokens exist.
   *
   * @param reason why
   * @param message for the presenter
   */
  record Refused(Reason reason, String message) implements SignIn {}

  /** Why a sign-in was refused. */
  enum Reason {
    /** No token was presented. */
    MISSING,
    /** No member holds the token. */
    UNKNOWN,
    /** The token's expiry has passed. */
    EXPIRED,
    /** An operator revoked the token. */
    REVOKED;

    /**
     * The name in the journal: {@code missing}, {@code unknown}, {@code expired}, {@code revoked}.
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
