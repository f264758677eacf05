package dev.ticketpay.qr.issuing;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.contracts.TicketConfirmed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QrClaimsTests {

    static final TicketConfirmed TICKET = new TicketConfirmed(31, UUID.randomUUID(),
            "6e40a178-b56f-42e2-8264-77af31d21c3d", 15, "hanako", 2, 0, "jpy", Instant.now());

    @Test
    void writesCompactOneLetterClaimsInTheirPayloadOrder() {
        var claims = QrClaims.of(TICKET, Instant.ofEpochSecond(1751364281));

        assertThat(claims.toJson()).isEqualTo(
                "{\"c\":\"6e40a178-b56f-42e2-8264-77af31d21c3d\",\"t\":31,\"e\":15,\"q\":2,\"i\":1751364281}");
    }

    @Test
    void readsWhatItWrites() {
        var claims = QrClaims.of(TICKET, Instant.ofEpochSecond(1751364281));

        assertThat(QrClaims.fromJson(claims.toJson())).isEqualTo(claims);
    }

    @Test
    void rejectsClaimsWithoutATicketCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> QrClaims.fromJson("{\"t\":31,\"e\":15,\"q\":2,\"i\":1}"))
                .withMessageContaining("ticket code");
        assertThatIllegalArgumentException().isThrownBy(() -> QrClaims.fromJson("{\"c\":\" \"}"));
    }

    @Test
    void rejectsTextThatIsNoJsonObjectOfClaims() {
        assertThatIllegalArgumentException().isThrownBy(() -> QrClaims.fromJson("not json"));
        assertThatIllegalArgumentException().isThrownBy(() -> QrClaims.fromJson("[1, 2]"));
    }
}
