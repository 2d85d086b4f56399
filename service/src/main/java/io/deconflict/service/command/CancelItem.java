package io.deconflict.service.command;

/**
 * Cancels the member's party's item ({@code item.cancel}).
 *
 * @param kind {@code movement}, {@code site} or {@code zone} (another kind finds nothing)
 * @param id the item's id
 */
public record CancelItem(String kind, String id) implements Command {

  /** Checks that the ids are given. */
  public CancelItem {
    Ids.requireText(kind, "/kind");
    Ids.requireText(id, "/id");
  }

  /** The journaled type. */
  public static final String TYPE = "item.cancel";

  @Override
  public String type() {
    return TYPE;
  }
}
