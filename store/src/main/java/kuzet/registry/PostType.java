package kuzet.registry;

/** The two kinds of installation, each with its own hardware profile and alert thresholds. */
public enum PostType {
  MODULAR_POST("modular-post"),
  DISTRICT_POINT("district-point");

  private final String id;

  PostType(String id) {
    this.id = id;
  }

  /** The name used in CLIs, CSV files, hardware profile files and config: {@code modular-post}. */
  public String id() {
    return id;
  }

  public static PostType fromId(String id) {
    for (PostType t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("post type '" + id + "' is not known: use modular-post or district-point");
  }
}
