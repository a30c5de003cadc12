package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import io.countersign.directory.Users;
import io.countersign.testing.CountersignTest;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances starting on an empty database: the one that found no user, and then found the
 * administrator taken by the other, starts as the other did instead of failing its start.
 */
@CountersignTest
class BootstrapAdministratorRaceTests {

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    LocalCredentials credentials;

    @Autowired
    BootstrapProperties properties;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorCreatedByAnotherInstanceSinceTheDirectoryWasFoundEmptyEndsTheBootstrap() {
        // the directory as this instance saw it a moment before the other instance committed its administrator
        Users sawNoneYet = mock(Users.class, AdditionalAnswers.delegatesTo(users));
        doReturn(false).when(sawNoneYet).anyExist();
        long tokensBefore = tokenCount();
        BootstrapAdministrator bootstrap =
                new BootstrapAdministrator(sawNoneYet, tokens, credentials, properties, transactions, environment);

        bootstrap.run(new DefaultApplicationArguments());

        assertThat(bootstrap.done()).isTrue();
        assertThat(jdbc.sql("select count(*) from users where username = 'admin'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(tokenCount()).as("no token of its own added").isEqualTo(tokensBefore);
    }

    private long tokenCount() {
        return jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
    }
}
