package io.countersign.shared.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where a host name's addresses come from: the system's resolver, or a test's own answers. */
@FunctionalInterface
public interface HostLookup {

    HostLookup SYSTEM = InetAddress::getAllByName;

    InetAddress[] addressesOf(String host) throws UnknownHostException;
}
