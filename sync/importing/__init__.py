"""Reading back what was lifted: FIT files, folders, zips and Garmin Connect into the state DB."""
