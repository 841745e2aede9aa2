package dev.vigil.guard.detect;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A traffic-learned ownership oracle for BOLA: the first authenticated caller that gets a 2xx for
 * an object id on a templated endpoint is taken as its owner; a later 2xx for the same object to a
 * different authenticated caller is reported once per (object, caller). This is a heuristic —
 * shared objects (catalogue items, public profiles) legitimately have many readers — so its
 * findings are alerts for review and active verification, never grounds for blocking. At most
 * {@code maxObjects} objects are remembered (least recently used go first).
 */
public final class OwnershipTracker {
    private static final int MAX_REPORTED_PER_OBJECT = 8;

    private final LinkedHashMap<String, Owner> owners;

    private static final class Owner {
        final String caller;
        final Set<String> reported = new LinkedHashSet<>();

        Owner(String caller) {
            this.caller = caller;
        }
    }

    public OwnershipTracker(int maxObjects) {
        this.owners = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Owner> eldest) {
                return size() > maxObjects;
            }
        };
    }

    /** Records a completed exchange; a detection when another caller's object was served. */
    public synchronized Optional<Detection> observe(Credential credential, String source, String path, int status) {
        if (status < 200 || status >= 300 || credential instanceof Credential.None) {
            return Optional.empty();
        }
        String[] split = PathTemplates.split(path);
        if (split == null) {
            return Optional.empty();
        }
        String caller = credential.callerId(source);
        String object = split[0] + " " + split[1];
        Owner owner = owners.get(object);
        if (owner == null) {
            owners.put(object, new Owner(caller));
            return Optional.empty();
        }
        if (owner.caller.equals(caller)
                || owner.reported.size() >= MAX_REPORTED_PER_OBJECT
                || !owner.reported.add(caller)) {
            return Optional.empty();
        }
        return Optional.of(new Detection.CrossPrincipalAccess(split[0], Redaction.excerpt(split[1]), caller));
    }
}
