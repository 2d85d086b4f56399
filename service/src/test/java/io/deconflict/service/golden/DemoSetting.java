package io.deconflict.service.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Json;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The recorded demo journal's parties and members ({@code golden/demo-parties.json}). */
public final class DemoSetting {

  private DemoSetting() {}

  /** The directory the demo journal was recorded under (tokens do not matter). */
  public static Directory directory(InputStream partiesJson) throws IOException {
    JsonNode root;
    try (partiesJson) {
      root = Json.MAPPER.readTree(partiesJson);
    }
    List<Party> parties = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (JsonNode p : root.path("parties")) {
      String party = p.path("id").asText();
      parties.add(new Party(party, p.path("name").asText(), p.path("language").asText()));
      for (JsonNode m : p.path("members")) {
        members.add(member(m, party, m.path("role").asText()));
      }
    }
    for (JsonNode m : root.path("operators")) {
      members.add(member(m, Party.MECHANISM, "operator"));
    }
    return new Directory(parties, members);
  }

  private static Member member(JsonNode m, String party, String role) {
    String id = m.path("id").asText();
    return new Member(
        id, party, Role.parse(role), m.path("name").asText(id), Tokens.sha256("token-" + id));
  }
}
