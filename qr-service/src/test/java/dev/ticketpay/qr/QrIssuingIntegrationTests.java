package dev.ticketpay.qr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.QrCodeIssued;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.qr.issuing.QrSigner;
import dev.ticketpay.support.Recorded;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * qr-service as the rest of the system sees it: a TicketConfirmed on {@code tickets.v1} in, a signed QR code
 * out on {@code qr-codes.v1}, and the owner fetching it over HTTP.
 */
class QrIssuingIntegrationTests extends QrServiceIntegration {

    /** The listener's id is its consumer group. */
    static final String QR_SERVICE_GROUP = "qr-service.tickets";

    @Test
    void issuesAQrCodeWhosePngDecodesToASignedPayloadForTheConfirmedTicket() throws Exception {
        var confirmed = confirmedTicket("hanako");
        publish(confirmed);

        QrCodeIssued issued = issuedFor(confirmed.ticketId());
        assertThat(issued.ticketCode()).isEqualTo(confirmed.ticketCode());
        assertThat(issued.eventId()).isEqualTo(confirmed.eventId());
        assertThat(decodeQr(issued.qrCodeData())).isEqualTo(issued.payload());

        JsonNode claims = JSON.readTree(QrSigner.claims(issued.payload()));
        assertThat(claims.get("c").asString()).isEqualTo(confirmed.ticketCode());
        assertThat(claims.get("t").asLong()).isEqualTo(confirmed.ticketId());
        assertThat(claims.get("e").asLong()).isEqualTo(confirmed.eventId());
        assertThat(claims.get("q").asInt()).isEqualTo(confirmed.quantity());
        assertThat(claims.get("i").asLong()).isEqualTo(issued.issuedAt().getEpochSecond());

        assertThat(QrSigner.verify(issued.payload(), publicKey())).isTrue();
    }

    @Test
    void publishesTheQrCodeWithCloudEventsHeadersKeyedByTicket() {
        var confirmed = confirmedTicket("kenji");
        publish(confirmed);

        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.QR_CODES)) {
            var record = await().until(() -> recorded.forKey(confirmed.ticketId()), list -> !list.isEmpty())
                    .getFirst();
            assertThat(Recorded.header(record, "ce_type")).isEqualTo("ticketpay.qr-code.issued.v1");
            assertThat(Recorded.header(record, "ce_source")).isEqualTo("/qr-service");
            assertThat(Recorded.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(UUID.fromString(Recorded.header(record, "ce_id"))).isNotNull();
        }
    }

    @Test
    void issuesOneQrCodeWhenTheSameTicketConfirmedIsDeliveredTwice() throws Exception {
        var confirmed = confirmedTicket("yuki");
        var record = record(confirmed, UUID.randomUUID());
        kafka.send(record).join();
        SendResult<String, byte[]> second = kafka.send(record).join();

        awaitConsumedByQrService(second);
        await().until(() -> unpublishedOutboxRows() == 0);
        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.QR_CODES)) {
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> recorded.forKey(confirmed.ticketId()).size() == 1);
        }
        assertThat(rows("qr_codes", confirmed.ticketId())).isEqualTo(1);
    }

    @Test
    void ignoresOtherTicketEvents() throws Exception {
        long ticketId = newTicketId();
        var cancelled = new dev.ticketpay.contracts.TicketCancelled(ticketId, UUID.randomUUID(), "ren",
                Instant.now());
        SendResult<String, byte[]> sent = kafka.send(record(cancelled, UUID.randomUUID())).join();

        awaitConsumedByQrService(sent);
        assertThat(rows("qr_codes", ticketId)).isZero();
    }

    @Test
    void returnsTheQrCodeToItsOwner() {
        var confirmed = confirmedTicket("aiko");
        publish(confirmed);
        QrCodeIssued issued = issuedFor(confirmed.ticketId());

        client.get().uri("/api/tickets/{id}/qr", confirmed.ticketId())
                .headers(h -> h.setBearerAuth(token(confirmed.userId(), "user")))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.ticket_id").isEqualTo(confirmed.ticketId())
                .jsonPath("$.ticket_code").isEqualTo(confirmed.ticketCode())
                .jsonPath("$.qr_code_data").isEqualTo(issued.qrCodeData())
                .jsonPath("$.payload").isEqualTo(issued.payload());
    }

    @Test
    void refusesTheQrCodeToAnotherUser() {
        var confirmed = confirmedTicket("daichi");
        publish(confirmed);
        issuedFor(confirmed.ticketId());

        client.get().uri("/api/tickets/{id}/qr", confirmed.ticketId())
                .headers(h -> h.setBearerAuth(token("somebody-else", "user")))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.qr_code_data").doesNotExist();
    }

    @Test
    void getQrOfUnknownTicketIsNotFound() {
        client.get().uri("/api/tickets/{id}/qr", newTicketId())
                .headers(h -> h.setBearerAuth(token("hanako", "user")))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void getQrWhenNoTokenShouldBeUnauthorized() {
        client.get().uri("/api/tickets/{id}/qr", newTicketId())
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void publishesItsPublicKeyWithoutToken() {
        client.get().uri("/api/qr/public-key")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.algorithm").isEqualTo("Ed25519")
                .jsonPath("$.public_key").isNotEmpty();
    }

    private static QrCodeIssued issuedFor(long ticketId) {
        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.QR_CODES)) {
            ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(20))
                    .until(() -> recorded.forKey(ticketId), list -> !list.isEmpty()).getFirst();
            return EventJson.read(record.value(), QrCodeIssued.class);
        }
    }

    /** Waits until qr-service's listener has committed past this record, i.e. it has handled it. */
    private static void awaitConsumedByQrService(SendResult<String, byte[]> sent) throws Exception {
        var partition = new TopicPartition(sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition());
        try (var admin = AdminClient.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafka().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(QR_SERVICE_GROUP).partitionsToOffsetAndMetadata().get()
                        .get(partition);
                return committed != null && committed.offset() > sent.getRecordMetadata().offset();
            });
        }
    }

    private String publicKey() {
        return client.get().uri("/api/qr/public-key").exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("public_key").asString();
    }

    private static String decodeQr(String pngBase64) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(pngBase64)));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true))
                .getText();
    }

    private long unpublishedOutboxRows() {
        return db.sql("select count(*) as n from outbox where published_at is null")
                .map(row -> row.get("n", Long.class)).one().block();
    }

}
