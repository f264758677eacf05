package dev.ticketpay.messaging;

import io.r2dbc.spi.Connection;

/** Opens {@link DriverConnections} to the driver probe, which lives in the driver's package. */
public final class DriverConnectionsAccess {

    private DriverConnectionsAccess() {
    }

    public static Connection decorate(Connection driverConnection) {
        return new DriverConnections().decorate(driverConnection);
    }
}
