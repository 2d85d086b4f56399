package io.deconflict.service.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.item.Band;
import io.deconflict.service.Json;
import io.deconflict.service.agreement.Agreement;

/** The JSON view of an agreement version: {@code GET /agreements}, {@code agreement.set}. */
public final class AgreementViews {

  private AgreementViews() {}

  /**
   * An agreement as JSON. {@code verticalSeparationMeters} is there only when it is not the default
   * (300 m): the view is also the journaled result of {@code agreement.set}, and journals written
   * before vertical separations existed must replay to the same bytes (D37).
   */
  public static ObjectNode of(Agreement a) {
    ObjectNode node = Json.object().put("id", a.id()).put("version", a.version());
    a.parties().forEach(node.putArray("parties")::add);
    node.put("effectiveFrom", a.effectiveFrom().toString());
    node.put("separationMeters", a.separationMeters());
    if (a.verticalSeparationMeters() != Band.DEFAULT_VERTICAL_SEPARATION_METERS) {
      node.put("verticalSeparationMeters", a.verticalSeparationMeters());
    }
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
    a.reconfirm()
        .ifPresent(
            r ->
                node.put("reconfirmEvery", r.every().toString())
                    .put("reconfirmWarnBefore", r.warnBefore().toString()));
    return node;
  }
}
