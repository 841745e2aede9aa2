package dev.vigil.demo;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A person who signs in to one tenant. {@code passwordHash} is a salted SHA-256 in hex: the demo
 * never keeps the clear password.
 */
public record User(
        UUID id,
        String tenantId,
        String username,
        String passwordSalt,
        String passwordHash,
        Set<Role> roles,
        Profile profile,
        boolean locked,
        Instant createdAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordSalt, "passwordSalt");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public User withProfile(Profile newProfile) {
        return new User(id, tenantId, username, passwordSalt, passwordHash, roles, newProfile, locked, createdAt);
    }

    public User withRoles(Set<Role> newRoles) {
        return new User(id, tenantId, username, passwordSalt, passwordHash, newRoles, profile, locked, createdAt);
    }

    public User withLocked(boolean newLocked) {
        return new User(id, tenantId, username, passwordSalt, passwordHash, roles, profile, newLocked, createdAt);
    }
}
