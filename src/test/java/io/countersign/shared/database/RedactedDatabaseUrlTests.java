package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedDatabaseUrlTests {

    @Test
    void parametersWhereAPasswordMayBeGivenAreLeftOut() {
        assertThat(RedactedDatabaseUrl.of("jdbc:postgresql://db:5432/countersign?user=cs&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db:5432/countersign");
        assertThat(RedactedDatabaseUrl.of("jdbc:h2:file:./data/countersign;USER=sa;PASSWORD=s3cret"))
                .isEqualTo("jdbc:h2:file:./data/countersign");
    }

    @Test
    void credentialsBeforeTheHostAreLeftOutEvenWhenThePasswordHoldsSlashesOrAts() {
        assertThat(RedactedDatabaseUrl.of("jdbc:postgres://cs:s3/cr@t@db:5432/countersign"))
                .isEqualTo("jdbc:postgres://db:5432/countersign");
    }

    @Test
    void aUrlWithoutSecretsIsShownAsItIs() {
        assertThat(RedactedDatabaseUrl.of("jdbc:postgresql://db-1:5432,db-2:5432/countersign"))
                .isEqualTo("jdbc:postgresql://db-1:5432,db-2:5432/countersign");
    }
}
