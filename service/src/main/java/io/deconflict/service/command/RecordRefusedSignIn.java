package io.deconflict.service.command;

import java.util.Optional;

/**
 * The service records a refused sign-in ({@code access.refused}), told to the operators only. Which
 * failures are recorded is bounded by the access gate, so that a flood cannot fill the journal; the
 * ones it left out since the last record are counted in {@code suppressed}.
 *
 * @param transport {@code http} or {@code tak}
 * @param reason {@code missing} (no token given), {@code unknown} (no member holds it), {@code
 *     expired} or {@code revoked}; {@code suppressed} for a record that only counts left-out ones
 * @param member the member whose token it was, for an expired or revoked token; empty otherwise
 *     (the presenter of an unknown token is nobody)
 * @param from the client's address as the transport saw it
 * @param where what it asked for: the HTTP method and path, or the TAK message
 * @param suppressed how many refusals were not recorded since the previous record
 */
public record RecordRefusedSignIn(
    String transport,
    String reason,
    Optional<String> member,
    String from,
    String where,
    long suppressed)
    implements Command {

  /** The journaled type. */
  public static final String TYPE = "access.refused";

  /** The longest {@code from} and {@code where} kept; longer text is cut. */
  public static final int MAX_TEXT = 200;

  /** Checks the fields and cuts overlong text (an attacker chooses the path). */
  public RecordRefusedSignIn {
    Ids.requireText(transport, "/transport");
    Ids.requireText(reason, "/reason");
    from = cut(from);
    where = cut(where);
    if (suppressed < 0) {
      throw new IllegalArgumentException("suppressed must not be negative, got " + suppressed);
    }
  }

  private static String cut(String text) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
    return text.substring(0, end) + "…";
  }

  @Override
  public String type() {
    return TYPE;
  }
}
