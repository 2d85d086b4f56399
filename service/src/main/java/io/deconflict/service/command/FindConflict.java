package io.deconflict.service.command;

import io.deconflict.engine.conflict.ConflictKind;
import java.time.Instant;

/**
 * A conflict the detection job reported ({@code conflict.found}, D32): issued by the service
 * itself, never by a member, once a node read the conflict from the job's conflicts topic. It names
 * the conflict only; the state computes the conflict anew from the two items it holds, raises
 * alerts if they give it and it is not raised yet, and refuses it otherwise (a stale or repeated
 * report), so nothing is journaled for it.
 *
 * @param kind which kinds of item
 * @param a the first item's engine id ({@code party/id}), as the engine orders them
 * @param b the second item's engine id
 * @param start when the conflict begins
 */
public record FindConflict(ConflictKind kind, String a, String b, Instant start)
    implements Command {

  /** The journaled type. */
  public static final String TYPE = "conflict.found";

  /** Checks the ids. */
  public FindConflict {
    if (a.isEmpty() || b.isEmpty() || a.equals(b)) {
      throw new IllegalArgumentException(
          "a conflict names two different items, got \"" + a + "\" and \"" + b + "\"");
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
