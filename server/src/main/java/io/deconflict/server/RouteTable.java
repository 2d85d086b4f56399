package io.deconflict.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes of the API as the route groups define them, in order, under {@link ApiServer#BASE}.
 * Not thread-safe; filled once while the server is built.
 */
final class RouteTable {

  /** A group of routes for one resource. */
  interface Group {

    /** Adds the group's routes. */
    void define(RouteTable table);
  }

  private final List<ApiServer.Route> routes = new ArrayList<>();

  /** Adds a route; {@code path} is below the API's base, such as {@code /alerts/{id}}. */
  void add(HandlerType method, String path, Handler handler) {
    routes.add(new ApiServer.Route(method, ApiServer.BASE + path, handler));
  }

  /** The routes, in the order added. */
  List<ApiServer.Route> routes() {
    return List.copyOf(routes);
  }
}
