"""Unit tests of core/, mirroring its modules."""
