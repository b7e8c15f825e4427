## score texts (uk)
