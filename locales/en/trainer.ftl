## trainer texts (en)
