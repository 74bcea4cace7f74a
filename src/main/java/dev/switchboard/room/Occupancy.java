package dev.switchboard.room;

/** How many rooms exist and how many peers are in them. */
public record Occupancy(int rooms, int peers) {
}
