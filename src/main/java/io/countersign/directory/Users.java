package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.Role;
import io.countersign.shared.Timestamps;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads users. */
@Service
public class Users {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Users(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public boolean anyExist() {
        return jdbc.sql("select count(*) from users").query(Long.class).single() > 0;
    }

    @Transactional
    public User create(Actor actor, UserInput input) {
        String username = Names.canonical(input.username());
        Problems problems = new Problems();
        Names.check(problems, username, "username");
        problems.requireText(input.email(), "email", 254);
        problems.maxLength(input.displayName(), "displayName", 200);
        problems.throwIfAny();
        if (find(username).isPresent()) {
            throw new ConflictException("A user named '" + username + "' already exists.");
        }
        User user = new User(
                username,
                input.email().trim(),
                input.displayName() == null ? username : input.displayName(),
                Names.canonical(input.level()),
                Names.canonical(input.manager()),
                input.role() == null ? Role.USER : input.role(),
                input.active() == null || input.active());
        var now = Timestamps.toDb(clock.instant());
        jdbc.sql("""
                        insert into users (username, email, display_name, level_name, manager, role, active,
                                           version, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(
                        user.username(),
                        user.email(),
                        user.displayName(),
                        user.level(),
                        user.manager(),
                        user.role().name(),
                        user.active(),
                        now,
                        now)
                .update();
        events.publishEvent(new UserCreated(actor, user));
        return user;
    }

    public Optional<User> find(String username) {
        return jdbc.sql(
                        "select username, email, display_name, level_name, manager, role, active from users where username = ?")
                .param(Names.canonical(username))
                .query((rs, row) -> new User(
                        rs.getString("username"),
                        rs.getString("email"),
                        rs.getString("display_name"),
                        rs.getString("level_name"),
                        rs.getString("manager"),
                        Role.valueOf(rs.getString("role")),
                        rs.getBoolean("active")))
                .optional();
    }
}
