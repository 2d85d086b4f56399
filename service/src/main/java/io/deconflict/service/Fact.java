package io.deconflict.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Something that happened and is journaled: an accepted command, or what the service derived and
 * told someone (an alert, an escalation, a late notice).
 *
 * @param type dotted type, e.g. {@code movement.notified}, {@code alert.raised}
 * @param command whether this is an accepted command (replayed on restart) rather than a derived
 *     fact (re-derived on restart)
 * @param by the member who issued the command, or {@code system}
 * @param body the content
 * @param audience who is told
 * @param keys what the journal indexes it under ({@link io.deconflict.journal.Entry#keys()})
 */
public record Fact(
    String type,
    boolean command,
    String by,
    ObjectNode body,
    Audience audience,
    List<String> keys) {

  /** Copies the keys. */
  public Fact {
    keys = List.copyOf(keys);
  }

  /** A fact under no key. */
  public Fact(String type, boolean command, String by, ObjectNode body, Audience audience) {
    this(type, command, by, body, audience, List.of());
  }
}
