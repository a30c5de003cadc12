package io.countersign.shared.outbound;

import java.net.UnknownHostException;

/**
 * A name resolved to an address this service does not send to, so no connection is made. It is an
 * {@link UnknownHostException} because that is all a resolver may throw; for the connection the name
 * has no usable address. Its message is the refusal's words ({@link OutboundAddresses#REFUSED}), which
 * name the rule and never the address found.
 */
public class RefusedAddressException extends UnknownHostException {

    RefusedAddressException(String refusal) {
        super(refusal);
    }
}
