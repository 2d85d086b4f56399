package io.deconflict.service.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.agreement.Agreement;

/** The JSON view of an agreement version: {@code GET /agreements}, {@code agreement.set}. */
public final class AgreementViews {

  private AgreementViews() {}

  /** An agreement as JSON. */
  public static ObjectNode of(Agreement a) {
    ObjectNode node = Json.object().put("id", a.id()).put("version", a.version());
    a.parties().forEach(node.putArray("parties")::add);
    node.put("effectiveFrom", a.effectiveFrom().toString());
    node.put("separationMeters", a.separationMeters());
    node.put("verticalSeparationMeters", a.verticalSeparationMeters());
    node.put("minimumNotice", a.minimumNotice().toString());
    node.put("emergencyNotice", a.emergencyNotice().toString());
    node.put("acknowledgeWithin", a.acknowledgeWithin().toString());
    ArrayNode esc = node.putArray("escalation");
    a.escalation().forEach(d -> esc.add(d.toString()));
    ObjectNode sharing = node.putObject("sharing");
    for (String p : a.parties()) {
      sharing.put(p, a.sharingOf(p).wireName());
    }
    node.put("suspended", a.suspended());
    return node;
  }
}
