# A real-looking value is reported in a comment too; so is a specific kind of credential,
# and a placeholder where it is no comment.
# api_key = "{h32}"
# token: gh@@p_{A30}{crc}
password = my-secret-pw
// password = MyS3cretP4ss!
