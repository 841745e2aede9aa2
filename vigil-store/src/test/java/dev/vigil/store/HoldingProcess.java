package dev.vigil.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Run as its own JVM by {@link DatabaseTest}: opens the embedded database in the directory given as
 * argument, saves a state, says {@code ready}, and keeps the database open until its standard input
 * closes (like a running guard), then closes it cleanly.
 */
public final class HoldingProcess {
    private HoldingProcess() {}

    public static void main(String[] args) throws IOException {
        try (Database db = Database.open(DatabaseConfig.embedded(Path.of(args[0])))) {
            new InventoryStore(db.jdbi(), Clock.systemUTC())
                    .saveState("held", JsonNodeFactory.instance.objectNode().put("by", "holder"));
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
