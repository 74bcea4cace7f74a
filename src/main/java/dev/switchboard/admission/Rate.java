package dev.switchboard.admission;

/**
 * A token bucket's limit: at most {@code capacity} tokens, refilled at {@code perNano} a nanosecond. One per
 * configured limit, shared by all its buckets, so that a connection's buckets hold only their own state.
 */
record Rate(double capacity, double perNano) {

    static Rate of(double capacity, double perSecond) {
        return new Rate(capacity, perSecond / 1_000_000_000d);
    }
}
