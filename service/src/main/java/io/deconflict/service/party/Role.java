package io.deconflict.service.party;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a member may do. */
public enum Role {
  /** Notifies, acknowledges, writes on the hotline; receives level-1 alerts. */
  OFFICER,
  /** Receives level-2 escalations; may do what an officer does. */
  COMMANDER,
  /** Reads what the party may see; files incident reports. */
  OBSERVER,
  /**
   * The mechanism's operator: sees conflicts, alerts and incidents across parties, positions only
   * where granted; receives level-3 escalations; records agreements.
   */
  OPERATOR;

  /** The wire name: {@code officer}, {@code commander}, {@code observer}, {@code operator}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name. */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.wireName().equals(text)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "role \""
            + text
            + "\" is not one of "
            + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
  }

  /** Whether this role may notify, acknowledge and write on the hotline for its party. */
  public boolean acts() {
    return this == OFFICER || this == COMMANDER;
  }
}
