"""The vectorised evaluation: costs, the decision and its reasons, for one scenario or millions."""
