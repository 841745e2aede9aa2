package dev.vigil.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Run as its own JVM by {@link DatabaseTest}: opens the embedded database in the directory given as
 * argument, saves a state, then dies at once like a killed process (no shutdown hooks, so the
 * PostgreSQL server is left running).
 */
public final class CrashingProcess {
    private CrashingProcess() {}

    public static void main(String[] args) {
        Database db = Database.open(DatabaseConfig.embedded(Path.of(args[0])));
        new InventoryStore(db.jdbi(), Clock.systemUTC())
                .saveState("before-crash", JsonNodeFactory.instance.objectNode().put("saved", true));
        Runtime.getRuntime().halt(3);
    }
}
