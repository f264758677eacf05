package dev.ticketpay.messaging;

import io.r2dbc.spi.Connection;

/** Opens {@link OffThreadClose} to the driver probe, which lives in the driver's package. */
public final class OffThreadCloseAccess {

    private OffThreadCloseAccess() {
    }

    public static Connection decorate(Connection driverConnection) {
        return new OffThreadClose().closingElsewhere(driverConnection);
    }
}
