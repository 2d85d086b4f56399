package io.deconflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one command did.
 *
 * @param reply the answer to the caller
 * @param facts the facts to journal, the command itself first
 */
public record Outcome(JsonNode reply, List<Fact> facts) {

  /** Copies the list. */
  public Outcome {
    facts = List.copyOf(facts);
  }
}
