package io.deconflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.party.Member;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is told of a fact: the members of these parties, and the operators if {@code operators}.
 *
 * @param parties party ids, sorted
 * @param operators whether the mechanism's operators are told
 */
public record Audience(Set<String> parties, boolean operators) {

  /** Sorts and copies. */
  public Audience {
    parties = Collections.unmodifiableSortedSet(new TreeSet<>(parties));
  }

  /** Only these parties. */
  public static Audience of(Set<String> parties) {
    return new Audience(parties, false);
  }

  /** Whether this member is told. */
  public boolean includes(Member member) {
    return Viewer.of(member).told(this);
  }

  /** Whether a party is told. */
  public boolean includesParty(String party) {
    return parties.contains(party);
  }

  /** As stored in the journal. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    List<String> sorted = new ArrayList<>(new TreeSet<>(parties));
    sorted.forEach(node.putArray("parties")::add);
    node.put("operators", operators);
    return node;
  }

  /** Reads {@link #toJson()}. */
  public static Audience fromJson(JsonNode node) {
    Set<String> parties = new TreeSet<>();
    node.path("parties").forEach(p -> parties.add(p.asText()));
    return new Audience(parties, node.path("operators").asBoolean(false));
  }
}
