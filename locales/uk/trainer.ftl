## trainer texts (uk)
